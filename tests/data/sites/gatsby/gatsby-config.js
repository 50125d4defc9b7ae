module.exports = {
  siteMetadata: {
    title: `Axlewise`,
    siteUrl: `https://www.axlewise.example`,
    description: `Vehicle tracking and fleet costs for delivery and service fleets of 10 to 200 vans.`,
  },
  trailingSlash: `always`,
  plugins: [
    `gatsby-plugin-image`,
    `gatsby-plugin-sharp`,
    `gatsby-transformer-sharp`,
    {
      resolve: `gatsby-source-filesystem`,
      options: {name: `content`, path: `${__dirname}/content`, ignore: [`**/handbook/**`]},
    },
    {
      resolve: `gatsby-plugin-mdx`,
      options: {extensions: [`.mdx`, `.md`, `.mmark`]},
    },
    `gatsby-transformer-json`,
  ],
}
