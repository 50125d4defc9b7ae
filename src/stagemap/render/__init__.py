"""Facts -> text, pure: report formats, the Jinja environment, Markdown, site pages."""
