import { ensureBuild } from '/work/wt-15b/scripts/build';
ensureBuild();
