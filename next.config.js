// Next.js configuration. Security headers that need a per-request nonce (CSP) are set in proxy.ts.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['pg', 'pino', 'pino-pretty', 'prom-client'],
  experimental: {
    authInterrupts: true, // forbidden() for pages a role may not see
    serverActions: {
      // A customer edit with the largest metadata Flex accepts (8 KB) is far below this;
      // anything bigger is an attack or a bug, and is refused before our code runs.
      bodySizeLimit: '64kb',
    },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          {
            key: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
          },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
