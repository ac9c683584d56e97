import { mergeConfig, type ConfigEnv, type Plugin, type UserConfig } from 'vite';
import base from '../../../vite.config';

// The project's own Vite config plus one plugin that stamps a build marker into index.html,
// so the e2e suite can deploy a "new version" that differs from the first only by that stamp.
const marker = process.env.E2E_BUILD_MARKER || 'e2e';

const markerPlugin: Plugin = {
  name: 'e2e-build-marker',
  transformIndexHtml: (html) =>
    html.replace('</head>', `  <meta name="x-build-marker" content="${marker}" />\n</head>`),
};

type BaseConfig = UserConfig | ((env: ConfigEnv) => UserConfig | Promise<UserConfig>);
const baseConfig = base as BaseConfig;

export default async (env: ConfigEnv): Promise<UserConfig> => {
  const resolved = typeof baseConfig === 'function' ? await baseConfig(env) : baseConfig;
  return mergeConfig(resolved, { plugins: [markerPlugin] });
};
