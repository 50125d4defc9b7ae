import React from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';

export default function Home() {
  return (
    <Layout title="Online booking for small clinics">
      <main>
        <h1>Fewer empty chairs, fewer phone calls.</h1>
        <Link to="/pricing">See pricing</Link>
      </main>
    </Layout>
  );
}
