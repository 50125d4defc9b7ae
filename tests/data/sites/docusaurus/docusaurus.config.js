// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Pebblebook',
  tagline: 'Online booking for small clinics, without the no-shows',
  url: 'https://pebblebook.example',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  favicon: 'img/logo.svg',
  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: {
          sidebarPath: require.resolve('./sidebars.js'),
          routeBasePath: 'docs',
        },
        blog: {
          showReadingTime: true,
          blogSidebarTitle: 'Recent posts',
        },
        theme: {customCss: require.resolve('./src/css/custom.css')},
      }),
    ],
  ],
  themeConfig: {
    navbar: {
      title: 'Pebblebook',
      items: [
        {to: '/docs/', label: 'Help', position: 'left'},
        {to: '/blog', label: 'Blog', position: 'left'},
        {to: '/pricing', label: 'Pricing', position: 'left'},
        {href: 'https://app.pebblebook.example/signup', label: 'Start free', position: 'right'},
      ],
    },
  },
};

module.exports = config;
