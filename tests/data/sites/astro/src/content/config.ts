import { defineCollection, reference, z } from 'astro:content';

const blog = defineCollection({
  type: 'content',
  schema: ({ image }) =>
    z.object({
      title: z.string(),
      description: z.string(),
      pubDate: z.coerce.date(),
      updatedDate: z.coerce.date().optional(),
      heroImage: z.union([image(), z.string()]).optional(),
      author: reference('authors'),
      tags: z.array(z.string()).default([]),
      draft: z.boolean().default(false),
    }),
});

const customers = defineCollection({
  type: 'content',
  schema: z.object({
    title: z.string(),
    company: z.string(),
    employees: z.number(),
    pubDate: z.coerce.date(),
    heroImage: z.string().optional(),
    challenge: z.string().optional(),
    outcome: z.string().optional(),
    quote: z.object({ text: z.string(), by: z.string() }).optional(),
  }),
});

const guides = defineCollection({
  type: 'content',
  schema: z.object({ title: z.string(), order: z.number(), description: z.string().optional() }),
});

// Internal notes: a collection with no page route, so nothing here is ever published.
const handbook = defineCollection({
  type: 'content',
  schema: z.object({ title: z.string(), owner: z.string() }),
});

const authors = defineCollection({
  type: 'data',
  schema: z.object({ name: z.string(), role: z.string() }),
});

export const collections = { blog, customers, guides, handbook, authors };
