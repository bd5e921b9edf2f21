import type {Core, Ctx, Reply} from './context.js';

/**
 * Routes: `{name}` segments are integers ≥ 1 (Goa answers 400 otherwise), `{name:str}` segments are
 * strings. `auth` false = no token needed; `privilege` is checked in the org named by `{orgId}`;
 * `userOnly` routes refuse service-account tokens with 403 [I, API.md §3.2, §9].
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  auth?: false;
  privilege?: string;
  userOnly?: boolean;
  /** When it answers false the route does not exist (404), e.g. an endpoint a deployment lacks. */
  present?: (core: Core) => boolean;
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

interface Compiled {
  route: Route;
  segments: Array<{literal: string} | {param: string; int: boolean}>;
}

export type RouteMatch =
  | {kind: 'found'; route: Route; params: Record<string, string>; intParams: string[]}
  | {kind: 'wrong-method'; allow: string[]}
  | {kind: 'none'};

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({
      route,
      segments: route.path
        .split('/')
        .slice(1)
        .map((segment) => {
          const param = /^\{(\w+)(:str)?\}$/.exec(segment);
          return param ? {param: param[1]!, int: !param[2]} : {literal: segment};
        }),
    }));
  }

  match(method: string, pathname: string): RouteMatch {
    const parts = pathname.split('/').slice(1);
    const allow: string[] = [];
    for (const {route, segments} of this.compiled) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const intParams: string[] = [];
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const segment = segments[i]!;
        const part = decodeSafe(parts[i]!);
        if ('literal' in segment) ok = segment.literal === part;
        else if (part === '') ok = false;
        else {
          params[segment.param] = part;
          if (segment.int) intParams.push(segment.param);
        }
      }
      if (!ok) continue;
      if (route.method === method) return {kind: 'found', route, params, intParams};
      allow.push(route.method);
    }
    return allow.length > 0 ? {kind: 'wrong-method', allow} : {kind: 'none'};
  }
}

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
