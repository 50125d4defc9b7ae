import React from "react"
import {Link} from "gatsby"

export default function Home() {
  return (
    <main>
      <h1>Know where every van is, and what it costs you.</h1>
      <Link to="/plans/">See plans</Link>
    </main>
  )
}
