/**
 * A question set as the engine plays it. The JSON format (with its version field and
 * validation) lives in @slimste/protocol; the engine only relies on this shape.
 * Every item and answer carries an id that is unique within its list, so the host can
 * mark an answer correct by id and a command log stays meaningful.
 */

/** A picture, sound or film the host can play on the screen. `url` is served by the server. */
export interface Media {
  kind: 'image' | 'audio' | 'video';
  url: string;
}

export interface Answer {
  id: string;
  text: string;
}

export interface ThreeSixNineQuestion {
  id: string;
  question: string;
  answer: string;
  media?: Media;
}

/** Open Deur: one questioner (a person on video in the show) with one question of 4 answers. */
export interface OpenDoorQuestion {
  id: string;
  questioner: string;
  question: string;
  media?: Media;
  answers: Answer[];
}

/** Puzzel: 3 links, each tied to 4 clues (12 clues in all, shown shuffled). */
export interface PuzzleLink {
  id: string;
  answer: string;
  clues: string[];
}

export interface Puzzle {
  id: string;
  links: PuzzleLink[];
}

/** Galerij: 10 photos shown one after the other; the answer names the photo. */
export interface GalleryPhoto {
  id: string;
  image: string;
  answer: string;
}

export interface Gallery {
  id: string;
  title: string;
  photos: GalleryPhoto[];
}

/** Collectief Geheugen: a clip (video or text/photo summary) hiding 5 keywords. */
export interface MemoryClip {
  id: string;
  title: string;
  summary?: string;
  media?: Media;
  keywords: Answer[];
}

export interface FinaleQuestion {
  id: string;
  question: string;
  media?: Media;
  answers: Answer[];
}

export interface QuestionSet {
  id: string;
  title: string;
  language: string;
  rounds: {
    threeSixNine: ThreeSixNineQuestion[];
    openDoor: OpenDoorQuestion[];
    puzzle: Puzzle[];
    gallery: Gallery[];
    collectiveMemory: MemoryClip[];
    finale: FinaleQuestion[];
  };
}
