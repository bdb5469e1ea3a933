import { Label, Radio, RadioGroup, Switch, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export type DmPolicy = 'anyone' | 'shared_groups' | 'peers' | 'nobody';

/** Privacy in plain words: who may message me, and whether others see when I am here. */
export function PrivacyChoices({
  dmPolicy,
  showPresence,
  onDmPolicy,
  onShowPresence,
}: {
  dmPolicy: DmPolicy;
  showPresence: boolean;
  onDmPolicy: (v: DmPolicy) => void;
  onShowPresence: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <RadioGroup value={dmPolicy} onChange={(v) => onDmPolicy(v as DmPolicy)} className="radio-group">
        <Label>{t('privacy.whoMayMessage')}</Label>
        {(['anyone', 'shared_groups', 'peers', 'nobody'] as const).map((p) => (
          <Radio key={p} value={p} className="radio">
            {t(`privacy.dm.${p}`)}
          </Radio>
        ))}
      </RadioGroup>
      <Switch isSelected={showPresence} onChange={onShowPresence} className="switch">
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t('privacy.showPresence')}
      </Switch>
      <Text className="field-hint">{t('privacy.presenceHint')}</Text>
    </div>
  );
}
