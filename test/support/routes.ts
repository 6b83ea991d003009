import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../../apps/api/src/app.module';
import { PUBLIC_KEY } from '../../apps/api/src/auth/roles';

/** @nestjs/swagger's metadata keys (DECORATORS in its dist/constants, which its package exports do not expose). */
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';
const API_EXCLUDE_ENDPOINT = 'swagger/apiExcludeEndpoint';

export interface RegisteredRoute {
  route: string;
  isPublic: boolean;
  /** @ApiExcludeController / @ApiExcludeEndpoint: deliberately left out of the document (e.g. the static web UI). */
  excluded: boolean;
}

/** Every controller class of the application, walking AppModule's imports (static and dynamic modules). */
export function registeredControllers(): any[] {
  const seen = new Set<unknown>();
  const controllers: any[] = [];
  const visit = (mod: any) => {
    if (!mod) return;
    if (typeof mod === 'object' && 'forwardRef' in mod) return visit(mod.forwardRef());
    const type = typeof mod === 'function' ? mod : mod.module;
    if (seen.has(mod)) return;
    seen.add(mod);
    const dynamic = typeof mod === 'object' ? mod : {};
    controllers.push(...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) ?? []), ...(dynamic.controllers ?? []));
    for (const imported of [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []), ...(dynamic.imports ?? [])]) visit(imported);
  };
  visit(AppModule);
  return [...new Set(controllers)];
}

/** Every controller route of the application (registeredControllers). */
export function registeredRoutes(): RegisteredRoute[] {
  const controllers = registeredControllers();
  const join = (...parts: string[]) =>
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/');
  const routes: RegisteredRoute[] = [];
  for (const controller of controllers) {
    const base: string | string[] = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
    const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) === true;
    const classExcluded = (Reflect.getMetadata(API_EXCLUDE_CONTROLLER, controller) ?? [false])[0] === true;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
      const path: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      if (method === undefined || path === undefined) continue;
      for (const b of [base].flat()) {
        for (const p of [path].flat()) {
          const route = join(b, p).replace(/:(\w+)/g, '{$1}');
          routes.push({
            route: `${RequestMethod[method]} ${route}`,
            isPublic: classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true,
            excluded: classExcluded || Reflect.getMetadata(API_EXCLUDE_ENDPOINT, handler)?.disable === true,
          });
        }
      }
    }
  }
  return routes;
}
