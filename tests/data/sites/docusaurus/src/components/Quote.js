import React from 'react';

export default function Quote({name, role, children}) {
  return (
    <figure className="quote">
      <blockquote>{children}</blockquote>
      <figcaption>{name}{role ? `, ${role}` : ''}</figcaption>
    </figure>
  );
}
