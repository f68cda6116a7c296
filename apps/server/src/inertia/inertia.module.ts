import { type DynamicModule, Module } from '@nestjs/common';
import { INERTIA_OPTIONS, type InertiaOptions, InertiaService } from './inertia.service.js';

@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a DynamicModule with a static forRoot is the Nest idiom for a configured module
export class InertiaModule {
  static forRoot(options: InertiaOptions): DynamicModule {
    return {
      module: InertiaModule,
      providers: [{ provide: INERTIA_OPTIONS, useValue: options }, InertiaService],
      exports: [InertiaService],
    };
  }
}
