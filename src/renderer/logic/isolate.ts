/**
 * A client's words where no element can hold them, so no <bdi> either (an <option>'s text, a
 * native control's label): set between the first-strong isolate and the pop-directional isolate
 * (U+2068, U+2069), which do what <bdi> does. The text keeps its own direction, taken from its
 * first letter, and a right-to-left name neither runs into what is drawn beside it nor lays out the
 * line. Stored text never holds an isolate of its own (text-normalise.ts drops them), so the pop
 * closes this one.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`
}
