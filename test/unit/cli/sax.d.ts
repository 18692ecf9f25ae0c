// The part of sax (a streaming XML 1.0 parser) the format tests use; the package ships no types.
declare module "sax" {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  export interface SAXParser {
    onerror: (e: Error) => void;
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    write(s: string): SAXParser;
    close(): SAXParser;
  }
  const sax: { parser(strict: boolean, options?: Record<string, unknown>): SAXParser };
  export default sax;
}
