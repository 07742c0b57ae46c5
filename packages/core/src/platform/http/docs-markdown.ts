import { Marked } from "marked";

/**
 * Markdown for the reference page's descriptions, with marked. They are written by Gyre's own
 * route schemas, but raw HTML in them is shown as text all the same (`<role>` stays visible).
 */
const markdown = new Marked({
  gfm: true,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

export function blockMarkdown(text: string): string {
  return markdown.parse(text, { async: false });
}

export function inlineMarkdown(text: string): string {
  return markdown.parseInline(text, { async: false });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
