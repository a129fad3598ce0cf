// The look of every data table: header row muted, rows ruled. Markup stays plain <table> for screen readers
// (captions, scope and aria attributes are passed through as written).
import type { ComponentProps } from 'react';

/** `size`: sm sets the whole table in small type; base leaves the size to the cells (a name in body type). */
export function Table({
  className = '',
  size = 'sm',
  ...props
}: ComponentProps<'table'> & { size?: 'sm' | 'base' }) {
  return <table className={`w-full text-left ${size === 'sm' ? 'text-sm' : ''} ${className}`} {...props} />;
}

export function THead({ className = '', ...props }: ComponentProps<'thead'>) {
  return <thead className={`text-muted ${className}`} {...props} />;
}

/** A body row. `align`: top for rows of several lines per cell, middle for one-line rows of links. */
export function Row({
  className = '',
  align = 'top',
  ...props
}: ComponentProps<'tr'> & { align?: 'top' | 'middle' }) {
  return (
    <tr
      className={`border-t border-line ${align === 'top' ? 'align-top' : 'align-middle'} ${className}`}
      {...props}
    />
  );
}
