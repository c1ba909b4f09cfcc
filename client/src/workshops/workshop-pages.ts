// The workshops' pages, as the page shell shows them for their routes (app/route.ts).
import { html, type TemplateResult } from 'lit';
import type { LessonSummary } from '../../../common/lesson';
import type { Route } from '../app/route';
import './workshop-create';
import './workshop-entry';
import './workshop-join';
import './workshop-trainer';

export type WorkshopRoute = Extract<Route, { view: 'workshop-new' | 'join' | 'trainer' }>;

export const isWorkshopRoute = (route: Route): route is WorkshopRoute =>
  route.view === 'workshop-new' || route.view === 'join' || route.view === 'trainer';

export function workshopPage(route: WorkshopRoute, lessons: readonly LessonSummary[]): TemplateResult {
  switch (route.view) {
    case 'workshop-new':
      return html`<workshop-create .lessons=${lessons}></workshop-create>`;
    case 'join':
      return html`<workshop-join .code=${route.code} .resume=${route.resume}></workshop-join>`;
    case 'trainer':
      return html`<workshop-trainer
        .code=${route.code}
        .key=${route.key}
        .lessons=${lessons}
      ></workshop-trainer>`;
  }
}
