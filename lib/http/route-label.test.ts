import { describe, expect, it } from 'vitest';
import { routeLabeler } from './route-label';

const label = routeLabeler([
  '/',
  '/login',
  '/customers/[id]',
  '/customers/new',
  '/bulk/[id]',
  '/bulk/[id]/status',
  '/docs/[...slug]',
  '/help/[[...page]]',
  '/livez',
]);

describe('routeLabeler', () => {
  it('labels a path by the route it belongs to, static routes before dynamic ones', () => {
    expect(label('/')).toBe('/');
    expect(label('/login')).toBe('/login');
    expect(label('/login/')).toBe('/login');
    expect(label('/customers/fcus_01J0000000000000000000000')).toBe('/customers/[id]');
    expect(label('/customers/new')).toBe('/customers/new');
    expect(label('/bulk/blk_1/status')).toBe('/bulk/[id]/status');
    expect(label('/docs/a/b/c')).toBe('/docs/[...slug]');
    expect(label('/help')).toBe('/help/[[...page]]');
    expect(label('/help/x/y')).toBe('/help/[[...page]]');
    expect(label('/livez')).toBe('/livez');
  });

  it('keeps the label values bounded: unknown paths are "other", Next assets one label each', () => {
    expect(label('/docs')).toBe('other');
    expect(label('/customers/a/b')).toBe('other');
    expect(label('/wp-admin/setup.php')).toBe('other');
    expect(label('/_next/static/chunks/app-123.js')).toBe('/_next/static');
    expect(label('/_next/image')).toBe('/_next');
  });
});
