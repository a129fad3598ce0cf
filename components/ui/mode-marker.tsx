// The unmistakable test-vs-live marker: an amber stripe on test keys, a red badge on live keys.
export function ModeStripe({ testMode }: { testMode: boolean }) {
  if (!testMode) return null;
  return (
    <div
      role="status"
      className="w-full bg-warning-strong py-1 text-center text-sm font-bold tracking-widest text-black"
    >
      TEST MODE: changes go to Flex test data only
    </div>
  );
}

export function LiveBadge({ testMode }: { testMode: boolean }) {
  if (testMode) return null;
  return (
    <span
      className="rounded bg-danger-strong px-2 py-0.5 text-sm font-bold tracking-wider text-white"
      title="Live Flex key: changes affect real customers"
    >
      LIVE
    </span>
  );
}

export function TestBadge({ testMode }: { testMode: boolean }) {
  if (!testMode) return null;
  return (
    <span className="rounded bg-warning-soft px-1.5 py-0.5 text-xs font-semibold text-warning">TEST</span>
  );
}
