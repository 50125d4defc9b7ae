import React from "react"

export default function NotFound() {
  return <main><h1>This road is closed.</h1></main>
}
