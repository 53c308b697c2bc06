/** Doc text to HTML for the API reference: escaped, with links, lists, code and comments. */
import { describe, expect, it } from "vitest";
import { docToHtml, exampleToHtml, signatureToHtml, throwsToHtml } from "#site/api-docs/doc-html.ts";

const anchors = new Set(["Network", "Network.connect", "WireError"]);

describe("doc-html", () => {
  it("escapes text and turns backticks into code", () => {
    expect(docToHtml([{ text: "Use `a < b` & <b>not</b> tags" }], anchors)).toBe("<p>Use <code>a &#60; b</code> &#38; &#60;b&#62;not&#60;/b&#62; tags</p>");
  });

  it("links {@link} targets on the page, member first, then owner, else plain code", () => {
    const html = docToHtml([{ text: "See " }, { link: "Network.connect", label: "connect" }, { text: ", " }, { link: "Network.run", label: "Network.run" }, { text: " and " }, { link: "Other", label: "Other" }], anchors);
    expect(html).toBe('<p>See <a href="#Network.connect"><code>connect</code></a>, <a href="#Network"><code>Network.run</code></a> and <code>Other</code></p>');
  });

  it("keeps paragraphs, lists and fenced code apart", () => {
    const html = docToHtml([{ text: "One\nline.\n\n- a\n- b\n\n```ts\nconst x = 1 < 2;\n```\nAfter." }], anchors);
    expect(html).toBe('<p>One line.</p>\n<ul><li>a</li><li>b</li></ul>\n<pre class="api-example" data-language="ts"><code>const x = 1 &#60; 2;</code></pre>\n<p>After.</p>');
  });

  it("shows an example without a fence as code", () => {
    expect(exampleToHtml([{ text: "f(1) === 2" }], anchors)).toBe('<pre class="api-example"><code>f(1) === 2</code></pre>');
  });

  it("dims comments in signatures and shows a thrown type as code", () => {
    expect(signatureToHtml('type A =\n  /** one */\n  | "a" // two')).toBe('type A =\n  <span class="api-comment">/** one */</span>\n  | &#34;a&#34; <span class="api-comment">// two</span>');
    expect(throwsToHtml([{ text: "{WireError} if it is truncated." }], anchors)).toBe('<a href="#WireError"><code>WireError</code></a> if it is truncated.');
  });
});
