/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  header:
    "RFC 9293 §3.1: ports, sequence and acknowledgment numbers, Data Offset (header length in 32-bit words), the control bits, " +
    "the window, and a checksum over the pseudo-header (source and destination address, zero, protocol 6, TCP length), header and data. " +
    "Lab contract: your segments carry no options (Data Offset 5) and always advertise config.window",
  checksum: "RFC 9293 §3.1 and §3.10.7: a segment whose checksum does not verify is discarded: no answer, no change of state",
  activeOpen:
    "RFC 9293 §3.5 and §3.10.7.3 (SYN-SENT): connect() sends <SEQ=ISS><CTL=SYN>; a SYN,ACK whose ACK acknowledges the SYN " +
    "(SND.UNA < SEG.ACK ≤ SND.NXT) moves to ESTABLISHED and is answered <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with RCV.NXT = SEG.SEQ + 1",
  passiveOpen:
    "RFC 9293 §3.10.7.2 (LISTEN): a RST is ignored; an ACK gets <SEQ=SEG.ACK><CTL=RST>; a SYN sets RCV.NXT = SEG.SEQ + 1 and is answered " +
    "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (SYN-RECEIVED); an acceptable ACK then moves to ESTABLISHED (§3.10.7.4, fifth step)",
  synSent:
    "RFC 9293 §3.10.7.3: in SYN-SENT an ACK outside ISS < SEG.ACK ≤ SND.NXT is answered <SEQ=SEG.ACK><CTL=RST> (unless it carries RST) and dropped; " +
    "a RST counts only if its ACK was acceptable (then CLOSED: connection refused); a SYN without ACK is a simultaneous open",
  simultaneous:
    "RFC 9293 §3.5 Figure 8 and §3.10.7.3: a SYN in SYN-SENT without an ACK moves to SYN-RECEIVED and is answered <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>. " +
    "The peer's SYN,ACK then lies wholly before RCV.NXT, so the first check of §3.10.7.4 answers it with an ACK; that ACK is what moves the other side to ESTABLISHED",
  closedPort:
    "RFC 9293 §3.10.7.1 (CLOSED): a RST is dropped; a segment with ACK gets <SEQ=SEG.ACK><CTL=RST>; one without gets " +
    "<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, where SEG.LEN counts the data plus one for SYN and one for FIN",
  sequence:
    "RFC 9293 §3.4 and §3.10.7.4 (first check): sequence numbers are compared modulo 2^32. With RCV.WND > 0, a segment of length 0 is acceptable " +
    "if RCV.NXT ≤ SEG.SEQ < RCV.NXT + RCV.WND; a longer one if its first or its last sequence number is in that window. " +
    "An unacceptable segment is answered <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (unless it carries RST) and dropped",
  rst:
    "RFC 9293 §3.10.7.4 second check, from RFC 5961 §3.2: a RST outside the window is dropped; a RST whose SEG.SEQ is exactly RCV.NXT resets the " +
    "connection (CLOSED; a passively opened SYN-RECEIVED goes back to LISTEN); any other RST in the window gets a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>",
  syn:
    "RFC 9293 §3.10.7.4 fourth check, from RFC 5961 §4.2: a SYN in a synchronized state gets a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> " +
    "and is dropped (in a passively opened SYN-RECEIVED, the connection goes back to LISTEN)",
  ack:
    "RFC 9293 §3.10.7.4 fifth check: a segment without ACK is dropped. In SYN-RECEIVED an ACK outside SND.UNA < SEG.ACK ≤ SND.NXT gets " +
    "<SEQ=SEG.ACK><CTL=RST>. Later, SEG.ACK > SND.NXT (acknowledging what was never sent) gets an ACK and the segment is dropped, data and all; " +
    "SND.UNA < SEG.ACK ≤ SND.NXT moves SND.UNA; an older SEG.ACK is a duplicate and is ignored",
  window:
    "RFC 9293 §3.10.7.4 fifth check: the send window is updated from a segment with SND.UNA ≤ SEG.ACK ≤ SND.NXT when SND.WL1 < SEG.SEQ, or " +
    "SND.WL1 = SEG.SEQ and SND.WL2 ≤ SEG.ACK; at most SND.UNA + SND.WND − SND.NXT new bytes may be sent (RFC 9293 §3.8.6), in segments of at most config.mss bytes",
  data:
    "RFC 9293 §3.10.7.4 seventh step: in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2, data from RCV.NXT on (old bytes trimmed, bytes past the window cut) is delivered " +
    "in order, RCV.NXT advances, and one ACK answers the segment. Lab contract: data that starts after RCV.NXT is not kept and gets an ACK for RCV.NXT",
  retransmit:
    "RFC 6298 §5 (lab contract: RTO fixed at config.rtoMs, no back-off): the timer starts when a segment that takes sequence space leaves and none is " +
    "outstanding, restarts when an ACK acknowledges new data, stops when everything is acknowledged; when it fires, the earliest unacknowledged segment " +
    "(SYN, SYN,ACK, or up to config.mss bytes from SND.UNA, with the FIN if it follows them) is sent again",
  close:
    "RFC 9293 §3.6 and §3.10.4: close() sends a FIN after all queued data (ESTABLISHED → FIN-WAIT-1, CLOSE-WAIT → LAST-ACK); " +
    "in LISTEN or SYN-SENT it simply returns to CLOSED",
  fin:
    "RFC 9293 §3.10.7.4 eighth step: a FIN at RCV.NXT advances RCV.NXT by one and is acknowledged: ESTABLISHED → CLOSE-WAIT, FIN-WAIT-1 → CLOSING " +
    "(or TIME-WAIT if this segment also acknowledged our FIN), FIN-WAIT-2 → TIME-WAIT. The ACK of our FIN moves FIN-WAIT-1 → FIN-WAIT-2, CLOSING → TIME-WAIT, LAST-ACK → CLOSED",
  timeWait:
    "RFC 9293 §3.6 and §3.10.7.4: TIME-WAIT lasts 2 × MSL (config.mslMs), then the connection is CLOSED; an acceptable segment there is " +
    "acknowledged and restarts the 2 × MSL timer; a retransmitted FIN lies before RCV.NXT and is answered by the first check's ACK",
  traces:
    "Linux's own TCP, recorded on loopback (labs/tcp/traces/README.md): your connection takes the place of one Linux socket and must answer each " +
    "recorded segment as RFC 9293 says (flags, sequence and acknowledgment numbers, data); Linux's options, window scaling and delayed ACKs are not part of the lab",
  pair:
    "End to end over the runtime's lossy link (RFC 9293 §3.5, §3.6, §3.10): two of your connections open, exchange data, close and reach CLOSED; " +
    "each delivers exactly the bytes the other sent, in order, however segments are lost",
} as const;
