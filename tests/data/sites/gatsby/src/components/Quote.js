import React from "react"

export const Quote = ({name, role, children}) => (
  <figure className="quote">
    <blockquote>{children}</blockquote>
    <figcaption>{name}{role && <span>, {role}</span>}</figcaption>
  </figure>
)
