/**
 * The retransmission timeout of one TCP sender, as RFC 6298 computes it: 1 s
 * before any round-trip sample (§2.1), then SRTT + 4 RTTVAR (a 1 ms clock
 * granularity G), at least 1 s (§2.2–2.4), doubled on every expiry (§5.5),
 * at most 60 s. The chapters' TCP models share it: the connection's ends,
 * the congestion chapter's Reno and the capstone's slow start.
 */
import { INITIAL_RTO_MS } from "./handshake-controls.ts";

const MAX_RTO_MS = 60_000; // RFC 6298 §2.5 allows an upper bound of at least 60 s

export class RtoEstimator {
  /** The timeout now, ms. */
  rtoMs = INITIAL_RTO_MS;
  private srtt: number | null = null;
  private rttvar = 0;

  /** RFC 6298 §2.2–2.4: a new round-trip sample `r`, ms (Karn's rule, §3, is the caller's: no samples from retransmitted segments). */
  sample(r: number): void {
    if (this.srtt === null) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.rtoMs = Math.min(Math.max(this.srtt + Math.max(1, 4 * this.rttvar), 1000), MAX_RTO_MS);
  }

  /** The timer expired: back off (RFC 6298 §5.5). */
  backOff(): void {
    this.rtoMs = Math.min(this.rtoMs * 2, MAX_RTO_MS);
  }

  /** RFC 6298 §5.7: a SYN (or SYN-ACK) that timed out leaves the RTO at 3 s for the data that follows. */
  afterSynTimeout(): void {
    this.rtoMs = 3000;
  }
}
