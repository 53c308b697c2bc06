/**
 * The framing lab's byte constants, in one place: the hidden tests' stream
 * builder (tests/streams.ts) and the chapter's byte-stream simulation
 * (site/src/simulations/tcp-udp/framing.ts) import them. Constants only:
 * no encoder or decoder lives here.
 */

/** SLIP's special bytes (RFC 1055): END ends a frame; ESC introduces ESC_END (a data C0) or ESC_ESC (a data DB). */
export const END = 0xc0;
export const ESC = 0xdb;
export const ESC_END = 0xdc;
export const ESC_ESC = 0xdd;

/** The length-prefixed scheme's header: the payload's length as an unsigned big-endian number of this many bytes (the lab's choice). */
export const LENGTH_HEADER_BYTES = 4;
