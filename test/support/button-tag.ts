/**
 * The opening tag of a button in rendered markup, so a renderer test can check its attributes
 * (disabled, aria-disabled, aria-describedby) by the button's name.
 */

/** The opening tag of the button in `html` whose tag or text holds `name`; throws when none does. */
export function buttonTag(html: string, name: string): string {
  const tag = [...html.matchAll(/<button[^>]*>/g)].map((match) => match[0]).find((t) => t.includes(name))
  if (tag !== undefined) return tag
  const byText = new RegExp(`(<button[^>]*>)(?:(?!</button>).)*${name}`).exec(html)
  if (byText === null) throw new Error(`no button ${name} in ${html}`)
  return byText[1]!
}
