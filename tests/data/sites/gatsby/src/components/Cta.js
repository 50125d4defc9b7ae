import React from "react"
import {Link} from "gatsby"

export const Cta = ({to = `/demo/`, children}) => <Link className="cta" to={to}>{children}</Link>
