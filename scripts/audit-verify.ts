// `npm run audit:verify`: walks the audit hash chain and names the first broken row.
import { parseConfig } from '@/lib/config';
import { verifyChain } from '@/lib/audit/audit';

async function main() {
  parseConfig(process.env);
  const result = await verifyChain();
  if (result.ok) {
    console.log(`Audit trail intact: ${result.rows} rows, every hash matches.`);
    return;
  }
  console.error(
    `Audit trail BROKEN at row ${result.brokenId}: ${result.reason}. (${result.rows} rows checked.)`,
  );
  process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
