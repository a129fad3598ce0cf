import { Alert } from '@/components/ui/alert';
import { describeFailure, type FailureInfo } from '@/lib/customers/failure';

export function FlexProblem({ error }: { error: FailureInfo }) {
  const d = describeFailure(error);
  return (
    <Alert tone="danger" role="alert" as="section" pad="lg" toneText={false} className="max-w-xl">
      <h1 className="text-xl font-semibold text-danger">{d.title}</h1>
      <p className="mt-1">{d.detail}</p>
      {d.canRetry && (
        // A plain link reloads the page: the simplest retry that works without JavaScript.
        <a href="" className="mt-3 inline-block rounded border border-line bg-canvas px-3 py-1 font-medium">
          Try again
        </a>
      )}
    </Alert>
  );
}
