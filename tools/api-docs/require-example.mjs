// TypeDoc plugin: every exported function (a function declaration, or a const initialised with one) must carry
// an `@example` in its JSDoc (STYLE.md, after valibot). Reported as a warning, so --treatWarningsAsErrors fails.
import { Application, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Function)) {
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
      if (!comments.some((comment) => comment?.getTag('@example') !== undefined)) {
        app.logger.warn(`${reflection.getFriendlyFullName()} has no @example in its JSDoc`);
      }
    }
  });
}
