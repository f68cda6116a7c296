import { ref } from 'vue';

const STORAGE_KEY = 'slimste:muted';
const muted = ref(typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === '1');
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (muted.value || typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
  return context;
}

/** One short tone; the sounds are made here, nothing is downloaded. */
function tone(frequency: number, start: number, duration: number, type: OscillatorType = 'sine', volume = 0.2) {
  const ctx = audio();
  if (!ctx) return;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  const t = ctx.currentTime + start;
  gain.gain.setValueAtTime(0, t);
  gain.gain.linearRampToValueAtTime(volume, t + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(t);
  osc.stop(t + duration + 0.02);
}

export const sounds = {
  tick: () => tone(1200, 0, 0.05, 'square', 0.05),
  correct: () => {
    tone(660, 0, 0.15, 'triangle');
    tone(880, 0.12, 0.25, 'triangle');
  },
  timeUp: () => {
    tone(300, 0, 0.35, 'sawtooth', 0.15);
    tone(200, 0.3, 0.6, 'sawtooth', 0.15);
  },
};

export function useSounds() {
  return {
    muted,
    toggleMute: () => {
      muted.value = !muted.value;
      localStorage.setItem(STORAGE_KEY, muted.value ? '1' : '0');
      if (!muted.value) audio();
    },
    ...sounds,
  };
}
