// Types of scripts/nginx.mjs, for the TypeScript tests that use it.
export const NGINX_CONF: string;
export function nginxAvailable(): boolean;
export function slimsteConf(ports: number[], listen: number): string;
export interface RunningNginx {
  url: string;
  port: number;
  pid: number;
  pids(): number[];
  errors(): string;
  stop(): Promise<void>;
}
export function startNginx(options: { ports: number[]; workers?: number }): Promise<RunningNginx>;
