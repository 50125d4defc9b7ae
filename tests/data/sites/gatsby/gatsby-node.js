const path = require(`path`)

// Route rule: /<section>/<slug or file name>/, except the "pages" section, which sits at the
// root. Team bios and snippets have no page of their own; drafts are skipped.
const NO_PAGE = new Set([`team`, `snippets`])

exports.createPages = async ({graphql, actions}) => {
  const result = await graphql(`
    {
      allMdx {
        nodes {
          id
          frontmatter { slug draft templateKey }
          parent { ... on File { relativeDirectory name } }
          internal { contentFilePath }
        }
      }
    }
  `)
  for (const node of result.data.allMdx.nodes) {
    const section = node.parent.relativeDirectory.split(`/`)[0]
    if (NO_PAGE.has(section) || node.frontmatter.draft) continue
    const name = node.frontmatter.slug || (node.parent.name === `index` ? `` : node.parent.name)
    const rest = node.parent.relativeDirectory.split(`/`).slice(1)
    const parts = section === `pages` ? [...rest, name] : [section, ...rest, name]
    const route = `/` + parts.filter(Boolean).join(`/`) + `/`
    const template = path.resolve(`./src/templates/${node.frontmatter.templateKey || `page`}.js`)
    actions.createPage({
      path: route,
      component: `${template}?__contentFilePath=${node.internal.contentFilePath}`,
      context: {id: node.id},
    })
  }
}
