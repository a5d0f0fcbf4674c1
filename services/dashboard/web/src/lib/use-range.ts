import { useEffect, useMemo, useState } from "react";
import type { Step } from "../api/types.js";
import { type RangePreset, rangePresets, stepsFor, type Window, windowOf } from "./range.js";
import { useStored } from "./stored.js";

/** The current time, ticking every `ms` (a sliding "last 15 min" window moves with it). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** The chosen range and step (kept across pages and reloads) and the window they make now. */
export function useRange(): {
  preset: RangePreset;
  step: Step;
  window: Window;
  setRange: (preset: RangePreset, step: Step) => void;
} {
  const [presetId, setPresetId] = useStored("ecom.range");
  const [storedStep, setStep] = useStored("ecom.step");
  const preset = rangePresets.find((p) => p.id === presetId) ?? (rangePresets[1] as RangePreset);
  const allowed = stepsFor(preset);
  const step = allowed.includes(storedStep as Step) ? (storedStep as Step) : preset.defaultStep;
  const now = useNow();
  const window = useMemo(() => windowOf(preset, step, now), [preset, step, now]);
  return {
    preset,
    step,
    window,
    setRange: (p, s) => {
      setPresetId(p.id);
      setStep(s);
    },
  };
}
