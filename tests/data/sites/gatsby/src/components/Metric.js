import React from "react"

export const Metric = ({value, label}) => (
  <div className="metric"><span className="value">{value}</span><span className="label">{label}</span></div>
)
export const Metrics = ({children}) => <div className="metrics">{children}</div>
