import Link from 'next/link';

export default function Forbidden() {
  return (
    <section className="max-w-xl">
      <h1 className="text-2xl font-semibold">Not available to your role</h1>
      <p className="mt-2 text-muted">This page is for admins. Ask an admin if you need access.</p>
      <Link href="/" className="mt-4 inline-block text-accent underline">
        Back to the customer finder
      </Link>
    </section>
  );
}
