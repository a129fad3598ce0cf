import Link from 'next/link';

export default function CustomerNotFound() {
  return (
    <section className="max-w-xl">
      <h1 className="text-2xl font-semibold">No such customer</h1>
      <p className="mt-2 text-muted">
        Flex has no customer with that id, or it is not a customer id (they look like{' '}
        <code className="font-mono">fcus_01HACM7FZ1084XB1GB6053VM0D</code>). Check the link, or search for the
        customer by email or name.
      </p>
      <Link href="/" className="mt-4 inline-block text-accent underline">
        Find a customer
      </Link>
    </section>
  );
}
