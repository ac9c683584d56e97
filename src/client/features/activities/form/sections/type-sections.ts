import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ActivityType } from '../../../../../shared/activity/activity-enums';

// Each form's own part is a lazy chunk (precached by the service worker), so opening one form
// never downloads the code of the six others.
export const TYPE_SECTIONS: Record<ActivityType, LazyExoticComponent<ComponentType>> = {
  dialogue: lazy(() => import('./dialogue-section')),
  community_talk: lazy(() => import('./community-talk-section')),
  printed_materials: lazy(() => import('./printed-materials-section')),
  mass_media: lazy(() => import('./mass-media-section')),
  training: lazy(() => import('./training-section')),
  emulation: lazy(() => import('./emulation-section')),
  other: lazy(() => import('./other-section')),
};
