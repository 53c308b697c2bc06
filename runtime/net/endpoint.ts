/** An address and port: one end of a conversation. */
export interface Endpoint {
  /** Dotted IPv4 address, e.g. "10.0.0.2". */
  readonly address: string;
  /** Port, 0 to 65535. */
  readonly port: number;
}

/** Names one direction of a conversation: "udp 10.0.0.1:5000 > 10.0.0.2:7000". */
export function flowName(protocol: "udp" | "tcp", from: Endpoint, to: Endpoint): string {
  return `${protocol} ${from.address}:${from.port} > ${to.address}:${to.port}`;
}
