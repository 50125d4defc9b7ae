import React from 'react';

export default function Stat({value, label}) {
  return <div className="stat"><strong>{value}</strong> {label}</div>;
}
