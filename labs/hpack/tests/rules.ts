/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  integer:
    "RFC 7541 §5.1: a value below 2^N − 1 fits in the N-bit prefix; otherwise the prefix is all ones and the rest, value − (2^N − 1), " +
    "follows 7 bits at a time, least significant first, with the top bit set on every byte but the last",
  integerLimit:
    "RFC 7541 §5.1: integers that exceed a decoder's limits, in value or in octet length, are decoding errors; this lab's value limit is " +
    "2^31 − 1 (lab contract), counted exactly: a continuation group shifted past 32 bits must not wrap around; a truncated integer is an error too",
  integerBytes:
    "Lab contract (RFC 7541 §5.1 lets a decoder limit an integer's octet length): at most 5 continuation bytes, which is enough for any " +
    "value up to 2^31 − 1 with any prefix; a sixth is a decoding error even if its groups are zero, while up to 5 (zero groups included) are read",
  string:
    "RFC 7541 §5.2: a string literal is an H bit, the length in octets with a 7-bit prefix, then the octets (UTF-8 here), raw or Huffman-coded",
  huffman:
    "RFC 7541 §5.2 and Appendix B: each octet becomes its Huffman code, most significant bit first; the last byte is padded with the " +
    "most significant bits of EOS (ones)",
  huffmanErrors:
    "RFC 7541 §5.2: padding longer than 7 bits, padding that is not all ones, and the EOS symbol inside a string are decoding errors",
  entrySize:
    "RFC 7541 §4.1: an entry's size is the length of its name in octets, plus its value's length in octets, plus 32 " +
    "(octets of UTF-8, not JavaScript string length)",
  eviction:
    "RFC 7541 §4.4: before a new entry is added, entries are evicted from the end (oldest) until it fits; an entry larger than the " +
    "maximum size empties the table and is not added, which is not an error",
  exactFit:
    "RFC 7541 §4.4: an entry fits when the table's size plus its size is at most maxSize (equal is fine, one octet more evicts); " +
    "an entry whose size is exactly maxSize is added (evicting every other), one octet more leaves the table empty; §4.3: the same for setMaxSize",
  maxSize: "RFC 7541 §4.3: lowering the maximum size evicts the oldest entries until the table fits",
  indexSpace:
    "RFC 7541 §2.3.3: indices 1–61 are the static table (Appendix A), 62 and up the dynamic table, 62 being the newest entry; " +
    "index 0 and indices past both tables are decoding errors",
  representations:
    "RFC 7541 §6: 1xxxxxxx indexed field (§6.1); 01xxxxxx literal with incremental indexing (§6.2.1); 0000xxxx without indexing " +
    "(§6.2.2); 0001xxxx never indexed (§6.2.3); 001xxxxx dynamic table size update (§6.3)",
  sizeUpdate:
    "RFC 7541 §4.2: a dynamic table size update may only come at the start of a header block (before the first field), and may not " +
    "exceed the limit the decoder announced (here the Decoder's maxTableSize)",
  context:
    "RFC 7541 §2.2: a decoder keeps one dynamic table across all the header blocks of a connection direction (Appendix C decodes " +
    "each sequence with one context)",
  headerList:
    "RFC 7541 §2.2 and RFC 9113 §8.2: a header list is ordered and may hold the same name more than once; the decoder emits the fields " +
    "in the order of the block",
  fieldText:
    "Lab contract: names and values are the UTF-8 text of their octets, unchanged (RFC 7541 §5.2 treats them as octets and is " +
    "case-agnostic). The Decoder neither lowercases nor rejects uppercase names (RFC 9113 §8.2.1's lowercase rule is checked by the " +
    "HTTP/2 layer above HPACK, not here), and a leading U+FEFF (octets ef bb bf) stays in the string; the encoder compares names exactly",
  deliberateError:
    "Lab contract: a decoding error is any Error thrown on purpose (HpackError, Error, TypeError…); an error the JavaScript engine " +
    "throws by itself (reading a property of undefined, a stack overflow) is a crash, and a hang is stopped by the time limit",
  policy:
    "Lab contract (the encoding policy of the instructions, which reproduces RFC 7541 Appendix C): an exact match in either table is " +
    "an indexed field (smallest index); otherwise a literal with incremental indexing, its name indexed when a table has it; sensitive " +
    "fields are never indexed (§6.2.3, §7.1.3); an entry larger than the table is a literal without indexing",
  encoderSizeUpdate:
    "RFC 7541 §4.2 and §6.3: after setMaxTableSize, the next block starts with a size update; if the size went down and up again, " +
    "the smallest value comes first, then the final one",
  roundTrip: "RFC 7541 §1.2: what the encoder writes, any conforming decoder reads back as the same header list",
  interop:
    "RFC 7541 §2.2: the nghttp2 corpus (labs/hpack/corpus/nghttp2.json) holds blocks one real encoder sent on one connection; " +
    "decoded in order with one Decoder, each gives back the list that was sent",
} as const;
