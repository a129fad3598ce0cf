'use client';
// A component whose code is fetched the first time it renders, shown as `fallback` until then: React.lazy in
// its own Suspense boundary. Used instead of next/dynamic, whose loader adds ~1.5 KB to the edit page's first
// load for what React does itself.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  function LazyPart(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
