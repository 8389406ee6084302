/** One `<option>` per step, named as the rest of the app names steps ("step 12"). */
export function StepOptions({ steps }: { steps: readonly number[] }) {
  return steps.map((step) => (
    <option key={step} value={step}>
      step {step}
    </option>
  ));
}
