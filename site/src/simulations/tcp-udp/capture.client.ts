import { download } from "#site/components/download.ts";
import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { runCapture, SCENARIOS, type ScenarioId } from "./capture.ts";
import { formatMs } from "./svg.ts";
import { applyFilter, decode, FILTERS, type DisplayFilter } from "./capture-view.ts";

export function setUpCapture(): void {
  setUpSimulations("capture", (values) => {
    const scenario = (SCENARIOS.find((s) => s.id === values.scenario) ?? SCENARIOS[0]!).id as ScenarioId;
    const filter = (FILTERS as readonly string[]).includes(values.filter ?? "") ? (values.filter as DisplayFilter) : "";
    const capture = runCapture(scenario, num(values, "seed", 1));
    const rows = decode(capture.frames);
    const shown = applyFilter(rows, filter);
    const file = `wirelab-${scenario}.pcapng`;

    const drawing = document.createElement("div");
    const cmd = document.createElement("p");
    cmd.className = "cap-cmd";
    const code = document.createElement("code");
    code.textContent = `tcpdump -nn -S -ttttt -r ${file}`;
    cmd.append(code);
    if (filter !== "") {
      // tcpdump has no display filters: name where this one belongs.
      const shown = document.createElement("code");
      shown.textContent = `tshark -r ${file} -Y '${filter}'`;
      cmd.append(document.createElement("br"), "Lines picked as Wireshark picks them: ", shown);
    }
    const pre = scrollRegion("cap-pre", "Matching packets, one tcpdump line each", "pre");
    if (shown.length === 0) pre.append(Object.assign(document.createElement("span"), { textContent: "(no packet matches this filter)" }));
    const t0 = capture.frames[0]?.timeNs ?? 0;
    for (const r of shown) {
      // Each line is an event of the timeline control, at its capture time.
      const line = Object.assign(document.createElement("span"), { textContent: `${String(r.number).padStart(2)}  ${r.line}` });
      const ms = (capture.frames[r.number - 1]!.timeNs - t0) / 1e6;
      markEvent(line, ms, `frame ${r.number} at ${formatMs(ms)}: ${r.line.slice(r.line.indexOf(" ") + 1)}`);
      pre.append(line);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `Download ${file} (pcapng, ${capture.frames.length} packets)`;
    button.addEventListener("click", () => download(file, capture.pcapng.slice()));
    drawing.append(cmd, pre, button);

    const lost = capture.dropped > 0 ? ` The tap's queue dropped <strong>${capture.dropped}</strong> segment after the capture point, so the client's capture still shows it leaving.` : "";
    const summary = `<strong>${shown.length}</strong> of ${rows.length} packets match ${filter === "" ? "no filter (all shown)" : "the filter"}; numbers on the left are Wireshark's frame numbers.${lost}`;
    return { summary, drawing };
  }, { eventNoun: "packet" });
}
