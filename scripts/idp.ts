// `npm run idp`: the local OpenID Connect provider for trying single sign-on (scripts/idp-server.ts).
import { IDP_PASSWORD, IDP_USERS, startIdp } from './idp-server';

const port = Number(process.env.IDP_PORT ?? 3990);
const appUrl = (process.env.APP_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const clientId = process.env.IDP_CLIENT_ID ?? 'flex-desk';
const clientSecret = process.env.IDP_CLIENT_SECRET ?? 'flex-desk-dev-secret-change-me';

async function main() {
  const idp = await startIdp({
    port,
    clientId,
    clientSecret,
    redirectUris: [`${appUrl}/auth/oidc/callback`],
    postLogoutRedirectUris: [`${appUrl}/login`],
    adminSecret: process.env.IDP_ADMIN_SECRET || undefined,
  });
  console.log(`Local OpenID Connect provider (development only) on ${idp.issuer}`);
  console.log(`Client ${clientId}, callback ${appUrl}/auth/oidc/callback. Start the desk with:\n`);
  console.log(
    `  OIDC_ISSUER=${idp.issuer} OIDC_CLIENT_ID=${clientId} OIDC_CLIENT_SECRET=${clientSecret} \\\n` +
      `  APP_URL=${appUrl} OIDC_PROVIDER_NAME="Corp IdP" \\\n` +
      `  OIDC_ROLE_MAP=desk-admins=admin,desk-ops=ops,desk-support=support,desk-viewers=viewer npm start\n`,
  );
  console.log(`People (password "${IDP_PASSWORD}"):`);
  for (const u of IDP_USERS) console.log(`  ${u.email.padEnd(18)} ${u.groups.join(', ')}`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
