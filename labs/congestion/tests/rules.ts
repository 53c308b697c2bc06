/** The rules the congestion tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  initialWindow:
    "RFC 5681 §3.1 (equation 1): IW = 2·SMSS if SMSS > 2190 bytes, 3·SMSS if 1095 < SMSS ≤ 2190, 4·SMSS if SMSS ≤ 1095; " +
    "ssthresh starts arbitrarily high. (RFC 3390's min(4·SMSS, max(2·SMSS, 4380)) is the older formula and differs, e.g. 4380 instead of 3600 for SMSS 1200)",
  slowStart:
    "RFC 5681 §3.1 (equation 2): while cwnd < ssthresh (slow start), each ACK of N new bytes grows cwnd by min(N, SMSS)",
  congestionAvoidance:
    "RFC 5681 §3.1: once cwnd > ssthresh (congestion avoidance), cwnd grows by about one SMSS per RTT and MUST NOT grow by more; " +
    "either equation 3 (cwnd += SMSS·SMSS/cwnd per ACK) or the recommended byte counting (count the bytes acknowledged; each time the count " +
    "reaches cwnd, add SMSS). Accepted here: each ACK adds 0 to SMSS; ACKs covering one window add at most SMSS (plus rounding), two windows at least SMSS",
  timeout:
    "RFC 5681 §3.1 (equation 4): when the retransmission timer expires, ssthresh = max(FlightSize / 2, 2·SMSS), with FlightSize the data " +
    "outstanding (not cwnd), and cwnd = 1 SMSS (the loss window); slow start begins again",
  fastRetransmit:
    "RFC 5681 §3.2 steps 2-3: the third duplicate ACK sets ssthresh = max(FlightSize / 2, 2·SMSS), retransmits the lost segment and " +
    "sets cwnd = ssthresh + 3·SMSS; the first two duplicate ACKs change nothing",
  inflate: "RFC 5681 §3.2 step 4: each further duplicate ACK during fast recovery inflates cwnd by SMSS",
  deflate: "RFC 5681 §3.2 step 6 (RFC 6582 §3.2 step 3, option 2): the ACK of new data that ends fast recovery sets cwnd to ssthresh",
  vectors:
    "RFC 5681 §3.2, worked example: SMSS 1000, FlightSize 8000 at the third duplicate ACK → ssthresh 4000 and cwnd 7000; " +
    "two more duplicate ACKs → 9000; the next new ACK → 4000",
  partialAck:
    "RFC 6582 §3.2 step 3: an ACK of new data that does not acknowledge all of the data up to and including `recover` (the last byte sent " +
    "when loss was detected) is a partial ACK: retransmit the first unacknowledged segment, deflate cwnd by the bytes acknowledged and add " +
    "back SMSS if that was at least SMSS (here: never below one SMSS), and stay in fast recovery",
  fullAck:
    "RFC 6582 §3.2 step 3: an ACK that acknowledges all of the data up to and including `recover` is a full ACK: cwnd = ssthresh (option 2), " +
    "leave fast recovery. With recover = info.highestSent − 1 (the last byte sent), that is info.ack > recover, i.e. info.ack ≥ the highestSent of that moment",
  recoverGuard:
    "RFC 6582 §3.2 step 2 and §4: `recover` is the last byte sent (info.highestSent − 1) when fast retransmit begins and after every " +
    "retransmission timeout; a third duplicate ACK starts fast retransmit only if its cumulative ACK covers recover (info.ack > recover), " +
    "so one loss episode cannot halve the window twice",
  beyondThird:
    "RFC 5681 §3.2: only the third duplicate ACK can start fast retransmit, and only fast recovery inflates cwnd: a fourth, fifth, … " +
    "duplicate ACK outside fast recovery (its third was refused by the recover guard) changes nothing",
  dupAfterPartial:
    "RFC 6582 §3.2 step 3: after a partial ACK stay in fast recovery; the duplicate ACKs that follow (the sender counts them 1, 2, 3, … again) " +
    "each inflate cwnd by SMSS (RFC 5681 §3.2 step 4), and none starts a new fast retransmit",
  timeoutInRecovery:
    "RFC 6582 §4: a retransmission timeout ends fast recovery: the next new ACK is a slow-start ACK, not a full or partial ACK",
  ssthreshOnlyOnLoss: "RFC 5681 §3.1-3.2: ssthresh changes only on a loss (a retransmission timeout, or the third duplicate ACK that starts fast retransmit)",
  rtoInitial: "RFC 6298 §2.1: until the first RTT sample, RTO = 1 second (and §5.5: each timeout doubles it, samples or not)",
  rtoFirst: "RFC 6298 §2.2: the first sample R sets SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4·RTTVAR)",
  rtoNext:
    "RFC 6298 §2.3: each later sample R' updates RTTVAR = (1 − 1/4)·RTTVAR + 1/4·|SRTT − R'| FIRST, using the old SRTT, then " +
    "SRTT = (1 − 1/8)·SRTT + 1/8·R'; RTO = SRTT + max(G, 4·RTTVAR)",
  rtoFloor: "RFC 6298 §2.4: whenever RTO is computed, if it is less than 1 second it is rounded up to 1 second (here: to minRtoMs, default 1000)",
  karn:
    "RFC 6298 §3 (Karn's algorithm): RTT samples MUST NOT be made using segments that were retransmitted; and the backed-off RTO " +
    "stays until a valid sample arrives (RFC 6298 §5, the note after rule 5.7): an ACK of new data without a valid sample keeps the backoff",
  rtoBackoff:
    "RFC 6298 §5.5: when the timer expires, RTO = RTO·2 (back off the timer), until a valid RTT sample recomputes it (§2.2-2.4); the doubling " +
    "applies to the RTO as computed, so after the 1-second floor (§2.4): RTO 300 → floored 1000 → 2000 → 4000. A cap of 60 s or more is allowed (§2.5)",
  everyEvent:
    "RFC 5681 §3 (slow start, congestion avoidance, the timeout, fast retransmit and fast recovery), RFC 6582 §3.2 and §4 (NewReno) and " +
    "RFC 6298 §2-5 (the RTO) together, as the instructions state them: the failure above quotes the rule the marked event broke",
  sawtooth:
    "RFC 5681 §3 and Jacobson's 1988 'Congestion Avoidance and Control': over a bottleneck with a drop-tail queue, AIMD gives a sawtooth: " +
    "additive increase until the queue overflows, a multiplicative decrease on each loss, most losses repaired by fast retransmit, not timeouts",
  doubling:
    "RFC 5681 §3.1: in slow start each ACK of a full segment adds one SMSS, so a window of ACKs adds a window: cwnd roughly doubles every " +
    "round-trip time until the first loss (or until it reaches ssthresh)",
  burst:
    "RFC 6582 §3.2 (NewReno): when several segments of one window are lost, each partial ACK retransmits the next hole and the sender stays " +
    "in fast recovery until `recover` is acknowledged: one fast retransmit and no retransmission timeout for the whole burst",
  goodput:
    "Congestion control keeps the bottleneck busy: with a queue of about a bandwidth-delay product, Reno's halved window still fills the link, " +
    "so a long transfer reaches most of the link rate",
  queue: "RFC 5681 §3: a sender that backs off on loss keeps the bottleneck queue from overflowing again and again; losses stay a small fraction of what is sent",
} as const;
