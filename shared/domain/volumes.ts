
/** Default names of monthly business-volume amounts; the administrator may change them. */
export const DEFAULT_VOLUME_METRICS = ['销量', '存款', 'AUM', '消费'] as const;

export interface CustomerVolume {
  month: string;
  metric: string;
  value: number;
}