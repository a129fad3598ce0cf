// The look of every data table: header row muted, rows ruled. Markup stays plain <table> for screen readers.
import type { ComponentProps } from 'react';

export function Table({ className = '', ...props }: ComponentProps<'table'>) {
  return <table className={`w-full text-left text-sm ${className}`} {...props} />;
}

export function THead({ className = '', ...props }: ComponentProps<'thead'>) {
  return <thead className={`text-muted ${className}`} {...props} />;
}

export function Row({ className = '', ...props }: ComponentProps<'tr'>) {
  return <tr className={`border-t border-line align-top ${className}`} {...props} />;
}
