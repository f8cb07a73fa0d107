// XML schedules (frab/Pentabarf, xCal) read with fast-xml-parser, which is plain JavaScript and so runs in the web
// worker as in Node. Nothing of a document type definition is ever used: entity processing is off in the parser (a
// declared entity stays as written, an external one fails the parse), and this module decodes only the five
// predefined XML entities and numeric character references, so no text can grow by expansion.
import { importMessage } from './messages';
import { failure, type ScheduleParseResult } from './scheduleModel';

/** An element: child elements by name (always lists), attributes as `@name`, text as `#text`, CDATA as `#cdata`. */
export type XmlElement = Readonly<Record<string, unknown>>;

// fast-xml-parser is loaded on first use only: most sessions never import an XML schedule, and the Node extension
// keeps it out of the bundle that activation loads (scripts/build.mjs).
async function loadXmlLibrary() {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  });
  return { parser, validator: XMLValidator };
}
let xmlLibrary: ReturnType<typeof loadXmlLibrary> | undefined;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text with the five XML entities and character references decoded; any other reference stays as written. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED_ENTITIES[name];
    const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex as string, 16);
    const isCharacter = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return isCharacter ? String.fromCodePoint(codePoint) : reference;
  });
}

/** The name of the document's root element (without its namespace prefix), read from the first tag; undefined when the text is no XML. */
export function xmlRootName(text: string): string | undefined {
  // Skip the declaration, processing instructions, comments and a document type declaration before the root.
  let rest = text.trimStart();
  for (;;) {
    const prolog = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)\s*/i.exec(rest);
    if (!prolog) break;
    rest = rest.slice(prolog[0].length);
  }
  return /^<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(rest)?.[1].toLowerCase();
}

export type XmlParseResult = { readonly ok: true; readonly root: XmlElement; readonly rootName: string } | Extract<ScheduleParseResult, { ok: false }>;

/** The document's root element, or the `xml-malformed` failure naming what is wrong and where. */
export async function parseXmlDocument(text: string, fileName: string): Promise<XmlParseResult> {
  const { parser, validator } = await (xmlLibrary ??= loadXmlLibrary());
  const validation = validator.validate(text);
  if (validation !== true) {
    return failure(importMessage('xml-malformed', [fileName, validation.err.msg, validation.err.line], 'error')) as Extract<ScheduleParseResult, { ok: false }>;
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    return failure(importMessage('xml-malformed', [fileName, error instanceof Error ? error.message : String(error), 1], 'error')) as Extract<ScheduleParseResult, { ok: false }>;
  }
  const rootName = Object.keys(document).find((key) => !key.startsWith('#') && !key.startsWith('@'));
  const root = rootName === undefined ? undefined : elements(document, rootName)[0];
  if (rootName === undefined || root === undefined) {
    return failure(importMessage('xml-malformed', [fileName, 'no root element', 1], 'error')) as Extract<ScheduleParseResult, { ok: false }>;
  }
  return { ok: true, root, rootName: rootName.toLowerCase() };
}

/** The child elements called `name`, in document order; an element holding text only is given as `{ '#text': … }`. */
export function elements(node: XmlElement | undefined, name: string): XmlElement[] {
  const children = node?.[name];
  if (!Array.isArray(children)) return [];
  return children.map((child): XmlElement => (typeof child === 'object' && child !== null ? (child as XmlElement) : { '#text': String(child) }));
}

export function element(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return elements(node, name)[0];
}

/** The names of an element's children, in the order they first occur. */
export function childNames(node: XmlElement): string[] {
  return Object.keys(node).filter((key) => !key.startsWith('#') && !key.startsWith('@'));
}

/** An element's text, references decoded, CDATA as written; undefined when the element is missing or empty. */
export function textOf(node: XmlElement | undefined): string | undefined {
  if (node === undefined) return undefined;
  const pieces = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(pieces) : typeof value === 'string' ? [value] : []);
  const text = [...pieces(node['#text']).map(decodeXmlText), ...pieces(node['#cdata'])].join('').trim();
  return text === '' ? undefined : text;
}

export function childText(node: XmlElement | undefined, name: string): string | undefined {
  return textOf(element(node, name));
}

export function attribute(node: XmlElement | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? decodeXmlText(value) : undefined;
}
