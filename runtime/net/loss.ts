import type { Random } from "../core/random.ts";
import type { LossModel } from "./link-config.ts";

/** Decides, packet by packet, whether a link loses it. */
export interface LossProcess {
  /** True if the next packet is lost. */
  next(random: Random): boolean;
}

/** The loss process for a model; each link direction gets its own. */
export function createLossProcess(model: LossModel): LossProcess {
  switch (model.model) {
    case "none":
      return { next: () => false };
    case "bernoulli":
      return { next: (random) => random.chance(model.rate) };
    case "gilbert-elliott":
      return new GilbertElliott(model);
  }
}

/** Gilbert-Elliott: the link wanders between a Good and a Bad state. */
class GilbertElliott implements LossProcess {
  private bad = false;
  private readonly model: Extract<LossModel, { model: "gilbert-elliott" }>;

  constructor(model: Extract<LossModel, { model: "gilbert-elliott" }>) {
    this.model = model;
  }

  next(random: Random): boolean {
    const switchState = random.chance(this.bad ? this.model.badToGood : this.model.goodToBad);
    if (switchState) this.bad = !this.bad;
    return random.chance(this.bad ? this.model.lossInBad : this.model.lossInGood);
  }
}
