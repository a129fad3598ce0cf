'use client';
// Ctrl/Cmd+S opens the review, wherever focus is on the page.
import { useEffect, useEffectEvent } from 'react';

export function useSaveShortcut(onSave: () => void) {
  const fire = useEffectEvent(onSave);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        fire();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
