// The one text rule for every field a contributor writes, in one place: which
// characters a value may hold, its Unicode normalisation, and that it shows
// something. The paper schema (paper-schema.ts) and the site configuration
// (config.ts) apply it to each of their text fields; the summary, which is
// Markdown, is checked line by line in markdown.ts with the same character sets.
//
// Two strengths:
// - text shown to readers (a title, an author, a venue): characters that XML or
//   HTML forbid are refused, and so are direction controls, because the value is
//   shown inline beside other text; the value is put in NFC with its whitespace
//   runs made one space, and a value made only of invisible characters is refused;
// - identifiers typed into links and metadata (a DOI, a URL): every control and
//   invisible character is refused, since one would make two identifiers that look
//   the same differ (or one that looks right go elsewhere); the value is put in NFC.
// Fields with a fixed ASCII form (tags, arXiv ids, GitHub user names, language
// tags) need nothing more: no forbidden, invisible or direction character can
// pass their patterns, so they report the form they expected.
import { codePointLabel } from "../diagnostics/format.ts";

/**
 * Characters that XML 1.0 forbids (C0 controls but tab and newline, U+FFFE, U+FFFF,
 * lone surrogates), which make a feed reader drop the whole feed, plus those HTML
 * forbids (DEL, the C1 controls U+0080–U+009F, and the noncharacters U+FDD0–U+FDEF
 * and U+xFFFE/U+xFFFF of every plane), which make a page invalid.
 */
export const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Describes a forbidden character found in `text`, or `undefined` when there is none. */
export function findForbiddenCharacter(text: string): string | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text);
  return match ? codePointLabel(match[0]) : undefined;
}

/**
 * Explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069). Unclosed, one reverses whatever is shown after it on the same
 * line: the site's name after a title, the next author, the rest of a sentence.
 * The marks U+200E, U+200F and U+061C push no state and stay allowed.
 */
export const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Describes a direction control found in `text`, or `undefined` when there is none. */
export function findDirectionControl(text: string): string | undefined {
  const match = DIRECTION_CONTROL.exec(text);
  return match ? codePointLabel(match[0]) : undefined;
}

/** The message for a direction control, the same in every field and in the summary. */
export function directionControlMessage(label: string): string {
  return `contains the invisible direction control ${label}, which would reverse the text shown after it; right-to-left text displays correctly without it`;
}

/** The message for a forbidden character, the same in every field and in the summary. */
export function forbiddenCharacterMessage(label: string): string {
  return `contains the control character ${label}, which pages and feeds cannot carry`;
}

/**
 * Characters that draw nothing on their own: white space, controls, format
 * characters (zero-width space, joiners, marks), combining marks with no letter to
 * sit on, the Hangul fillers and the Braille blank (letters that look like nothing,
 * a known way to make a blank name).
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Whether `text` holds something a reader can see. */
export function isVisible(text: string): boolean {
  return text.replace(INVISIBLE, "") !== "";
}

/** The distinct invisible characters of `text`, as `U+200B, U+200C`, for a message. */
function invisibleLabels(text: string): string {
  const labels = [...new Set(text.match(INVISIBLE) ?? [])].filter((c) => !/\s/.test(c)).map(codePointLabel);
  return labels.slice(0, 3).join(", ") + (labels.length > 3 ? ", …" : "");
}

/** How every one-line text field is stored: NFC, each run of white space one space, trimmed. */
export const clean = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

/** How a field is checked: shown inline to readers, or typed into links and metadata. */
export type TextKind = "text" | "identifier";

/** What a field holds, for its messages. */
export interface TextField {
  kind: TextKind;
  /** What the field should hold, for "is empty; expected …" (`the paper's title as text`). */
  expected: string;
  /** How messages name an identifier (`the DOI`, `the address`). */
  subject?: string;
}

/** The rule's verdict: the value as stored, or what is wrong with it. */
export type TextResult = { value: string; problem?: undefined } | { value?: undefined; problem: string };

/**
 * Applies the text rule to one value a contributor wrote: refuses the characters
 * its kind may not hold, normalises it (NFC; for text also one space per run of
 * white space, trimmed) and, for text, refuses a value that shows nothing.
 */
export function applyTextRule(raw: string, field: TextField): TextResult {
  const forbidden = findForbiddenCharacter(raw);
  if (field.kind === "identifier") {
    const subject = field.subject ?? "the value";
    if (forbidden) return { problem: `${subject} ${forbiddenCharacterMessage(forbidden)}; retype it` };
    // Not echoed: a direction override would scramble the message itself.
    const invisible = /[\p{Cc}\p{Cf}]/u.exec(raw.trim());
    if (invisible) return { problem: `${subject} contains the invisible character ${codePointLabel(invisible[0])}; retype it` };
    return { value: raw.trim().normalize("NFC") };
  }
  if (forbidden) return { problem: forbiddenCharacterMessage(forbidden) };
  const direction = findDirectionControl(raw);
  if (direction) return { problem: directionControlMessage(direction) };
  const value = clean(raw);
  if (value === "") return { problem: `is empty; expected ${field.expected}` };
  if (!isVisible(value))
    return { problem: `holds only invisible characters (${invisibleLabels(value)}), so it would show as blank; expected ${field.expected}` };
  return { value };
}
